CREATE TABLE `admin_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`subject_id` text NOT NULL,
	`subject_label` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `admin_audit_subject_idx` ON `admin_audit` (`subject_id`);--> statement-breakpoint
CREATE INDEX `admin_audit_at_idx` ON `admin_audit` (`at`);--> statement-breakpoint
CREATE TABLE `case_material_files` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`evaluation_id` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `case_material_files_eval_idx` ON `case_material_files` (`exam_session_id`,`evaluation_id`);--> statement-breakpoint
CREATE TABLE `group_formations` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`evaluation_id` text NOT NULL,
	`seed` text NOT NULL,
	`learner_ids` text NOT NULL,
	`result` text NOT NULL,
	`formed_by` text,
	`formed_by_name` text NOT NULL,
	`formed_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`formed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `group_formations_eval_idx` ON `group_formations` (`exam_session_id`,`evaluation_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `anonymized_at` integer;--> statement-breakpoint
-- The admin audit log is append-only.
CREATE TRIGGER `admin_audit_append_only` BEFORE UPDATE ON `admin_audit` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `admin_audit_kept` BEFORE DELETE ON `admin_audit` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
