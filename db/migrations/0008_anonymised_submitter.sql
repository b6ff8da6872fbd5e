-- A frozen hand-in may change in one way only: the name of a submitter whose
-- account was anonymised or deleted (data protection). The fingerprint does
-- not cover the name; every other column stays immutable.
DROP TRIGGER `submissions_immutable`;
--> statement-breakpoint
CREATE TRIGGER `submissions_immutable` BEFORE UPDATE ON `submissions` WHEN NOT (
  NEW.`id` IS OLD.`id` AND NEW.`dossier_id` IS OLD.`dossier_id` AND NEW.`instance_id` IS OLD.`instance_id`
  AND NEW.`submitted_by` IS OLD.`submitted_by` AND NEW.`submitted_at` IS OLD.`submitted_at` AND NEW.`timing` IS OLD.`timing`
  AND NEW.`statement` IS OLD.`statement` AND NEW.`template_id` IS OLD.`template_id`
  AND NEW.`template_hash` IS OLD.`template_hash` AND NEW.`fingerprint` IS OLD.`fingerprint`
  AND NOT EXISTS (SELECT 1 FROM `users` WHERE `id` = OLD.`submitted_by` AND `anonymized_at` IS NULL)
) BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
