CREATE TABLE `candidate_codes` (
	`instance_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`instance_id`, `subject_id`),
	FOREIGN KEY (`instance_id`) REFERENCES `evaluation_instances`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidate_codes_code_uq` ON `candidate_codes` (`instance_id`,`code`);--> statement-breakpoint
CREATE TABLE `competency_overrides` (
	`grading_id` text NOT NULL,
	`competency_id` text NOT NULL,
	`learner_id` text DEFAULT '' NOT NULL,
	`result` text,
	`justification` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`grading_id`, `competency_id`, `learner_id`),
	FOREIGN KEY (`grading_id`) REFERENCES `gradings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deadline_extensions` (
	`id` text PRIMARY KEY NOT NULL,
	`instance_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`cutoff_at` integer NOT NULL,
	`reason` text NOT NULL,
	`granted_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`instance_id`) REFERENCES `evaluation_instances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "deadline_extensions_cutoff_check" CHECK("deadline_extensions"."cutoff_at" >= "deadline_extensions"."due_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadline_extensions_uq` ON `deadline_extensions` (`instance_id`,`learner_id`);--> statement-breakpoint
CREATE TABLE `evaluation_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`evaluation_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`cutoff_at` integer NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evaluation_instances_cutoff_check" CHECK("evaluation_instances"."cutoff_at" >= "evaluation_instances"."due_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_instances_uq` ON `evaluation_instances` (`exam_session_id`,`evaluation_id`);--> statement-breakpoint
CREATE TABLE `grade_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grading_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`criterion_id` text,
	`competency_id` text,
	`part` text,
	`learner_id` text,
	`before` text,
	`after` text,
	FOREIGN KEY (`grading_id`) REFERENCES `gradings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `grade_audit_grading_idx` ON `grade_audit` (`grading_id`,`id`);--> statement-breakpoint
CREATE TABLE `grade_entries` (
	`grading_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`part` text NOT NULL,
	`learner_id` text DEFAULT '' NOT NULL,
	`level` text,
	`comment` text DEFAULT '' NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`grading_id`, `criterion_id`, `part`, `learner_id`),
	FOREIGN KEY (`grading_id`) REFERENCES `gradings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `gradings` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `juror_assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "gradings_status_check" CHECK("gradings"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gradings_assignment_id_unique` ON `gradings` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `submission_files` (
	`submission_id` text NOT NULL,
	`upload_id` text NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `upload_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submission_sections` (
	`submission_id` text NOT NULL,
	`section_id` text NOT NULL,
	`content` text NOT NULL,
	PRIMARY KEY(`submission_id`, `section_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`instance_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitter_name` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`timing` text NOT NULL,
	`statement` text NOT NULL,
	`template_id` text NOT NULL,
	`template_hash` text NOT NULL,
	`fingerprint` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`instance_id`) REFERENCES `evaluation_instances`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `submissions_dossier_idx` ON `submissions` (`dossier_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_instance_idx` ON `submissions` (`instance_id`);--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `grading_scale` text DEFAULT 'binary' NOT NULL;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `competency_rule` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `competency_rule_min` integer;--> statement-breakpoint
-- Snapshots never change: no UPDATE, no DELETE while what they belong to exists (a cascade from a deleted dossier or session still removes them).
-- A row added to a snapshot afterwards fails its fingerprint check (app/services/submissions.server.ts).
CREATE TRIGGER `submissions_immutable` BEFORE UPDATE ON `submissions` BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `submissions_kept` BEFORE DELETE ON `submissions` WHEN EXISTS (SELECT 1 FROM `dossiers` WHERE `id` = OLD.`dossier_id`) AND EXISTS (SELECT 1 FROM `evaluation_instances` WHERE `id` = OLD.`instance_id`) BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `submission_sections_immutable` BEFORE UPDATE ON `submission_sections` BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `submission_sections_kept` BEFORE DELETE ON `submission_sections` WHEN EXISTS (SELECT 1 FROM `submissions` WHERE `id` = OLD.`submission_id`) BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `submission_files_immutable` BEFORE UPDATE ON `submission_files` BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `submission_files_kept` BEFORE DELETE ON `submission_files` WHEN EXISTS (SELECT 1 FROM `submissions` WHERE `id` = OLD.`submission_id`) BEGIN SELECT RAISE(ABORT, 'snapshot is immutable'); END;
--> statement-breakpoint
-- The grade audit log is append-only.
CREATE TRIGGER `grade_audit_append_only` BEFORE UPDATE ON `grade_audit` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `grade_audit_kept` BEFORE DELETE ON `grade_audit` WHEN EXISTS (SELECT 1 FROM `gradings` WHERE `id` = OLD.`grading_id`) BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
