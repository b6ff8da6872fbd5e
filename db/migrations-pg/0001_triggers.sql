-- What SQLite's triggers guarantee (db/migrations 0004, 0007, 0008), on PostgreSQL, with the same messages:
-- a frozen hand-in never changes, and the audit logs are append-only.

-- Refuses the change, with the message given as the trigger's first argument.
CREATE FUNCTION atelier_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
-- Refuses a deletion while the row's parent (table TG_ARGV[1], id in column TG_ARGV[2]) exists: deleting the row
-- itself is refused, deleting its parent (which cascades) is not.
CREATE FUNCTION atelier_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_exists boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', TG_ARGV[1]) INTO parent_exists USING to_jsonb(OLD) ->> TG_ARGV[2];
  IF parent_exists THEN
    RAISE EXCEPTION '%', TG_ARGV[0];
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
-- Only the submitter's name may change on a hand-in, and only once the submitter's account is anonymised.
CREATE FUNCTION atelier_submission_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.dossier_id IS NOT DISTINCT FROM OLD.dossier_id AND NEW.instance_id IS NOT DISTINCT FROM OLD.instance_id
    AND NEW.submitted_by IS NOT DISTINCT FROM OLD.submitted_by AND NEW.submitted_at IS NOT DISTINCT FROM OLD.submitted_at
    AND NEW.timing IS NOT DISTINCT FROM OLD.timing AND NEW.statement IS NOT DISTINCT FROM OLD.statement
    AND NEW.template_id IS NOT DISTINCT FROM OLD.template_id AND NEW.template_hash IS NOT DISTINCT FROM OLD.template_hash
    AND NEW.fingerprint IS NOT DISTINCT FROM OLD.fingerprint
    AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.submitted_by AND anonymized_at IS NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'snapshot is immutable';
END;
$$;
--> statement-breakpoint
-- A hand-in is deleted only with its dossier or its evaluation instance.
CREATE FUNCTION atelier_submission_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM dossiers WHERE id = OLD.dossier_id) AND EXISTS (SELECT 1 FROM evaluation_instances WHERE id = OLD.instance_id) THEN
    RAISE EXCEPTION 'snapshot is immutable';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions FOR EACH ROW EXECUTE FUNCTION atelier_submission_update();
--> statement-breakpoint
CREATE TRIGGER submissions_kept BEFORE DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION atelier_submission_kept();
--> statement-breakpoint
CREATE TRIGGER submission_sections_immutable BEFORE UPDATE ON submission_sections FOR EACH ROW EXECUTE FUNCTION atelier_refuse('snapshot is immutable');
--> statement-breakpoint
CREATE TRIGGER submission_sections_kept BEFORE DELETE ON submission_sections FOR EACH ROW
  EXECUTE FUNCTION atelier_kept('snapshot is immutable', 'submissions', 'submission_id');
--> statement-breakpoint
CREATE TRIGGER submission_files_immutable BEFORE UPDATE ON submission_files FOR EACH ROW EXECUTE FUNCTION atelier_refuse('snapshot is immutable');
--> statement-breakpoint
CREATE TRIGGER submission_files_kept BEFORE DELETE ON submission_files FOR EACH ROW
  EXECUTE FUNCTION atelier_kept('snapshot is immutable', 'submissions', 'submission_id');
--> statement-breakpoint
CREATE TRIGGER grade_audit_append_only BEFORE UPDATE ON grade_audit FOR EACH ROW EXECUTE FUNCTION atelier_refuse('audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER grade_audit_kept BEFORE DELETE ON grade_audit FOR EACH ROW EXECUTE FUNCTION atelier_kept('audit log is append-only', 'gradings', 'grading_id');
--> statement-breakpoint
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE ON admin_audit FOR EACH ROW EXECUTE FUNCTION atelier_refuse('audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER admin_audit_kept BEFORE DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION atelier_refuse('audit log is append-only');
