CREATE TABLE `case_materials` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`evaluation_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_materials_uq` ON `case_materials` (`exam_session_id`,`evaluation_id`);--> statement-breakpoint
CREATE TABLE `dossier_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`section_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `dossier_revisions_dossier_idx` ON `dossier_revisions` (`dossier_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `dossier_sections` (
	`dossier_id` text NOT NULL,
	`section_id` text NOT NULL,
	`content` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`dossier_id`, `section_id`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`evaluation_id` text NOT NULL,
	`template_id` text NOT NULL,
	`learner_id` text,
	`group_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "dossiers_owner_check" CHECK(("dossiers"."learner_id" is null) <> ("dossiers"."group_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_learner_uq` ON `dossiers` (`exam_session_id`,`template_id`,`learner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_group_uq` ON `dossiers` (`template_id`,`group_id`);--> statement-breakpoint
CREATE INDEX `dossiers_learner_idx` ON `dossiers` (`learner_id`);--> statement-breakpoint
CREATE INDEX `dossiers_group_idx` ON `dossiers` (`group_id`);--> statement-breakpoint
CREATE TABLE `self_assessments` (
	`learner_id` text NOT NULL,
	`exam_session_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`status` text NOT NULL,
	`justification` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`learner_id`, `exam_session_id`, `criterion_id`),
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`uploader_id` text,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
