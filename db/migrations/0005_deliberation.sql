CREATE TABLE `bloc_competencies` (
	`bloc_id` text NOT NULL,
	`exam_session_id` text NOT NULL,
	`competency_id` text NOT NULL,
	PRIMARY KEY(`bloc_id`, `competency_id`),
	FOREIGN KEY (`bloc_id`) REFERENCES `competency_blocs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bloc_competencies_session_uq` ON `bloc_competencies` (`exam_session_id`,`competency_id`);--> statement-breakpoint
CREATE TABLE `competency_blocs` (
	`id` text PRIMARY KEY NOT NULL,
	`exam_session_id` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`example` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `competency_blocs_session_idx` ON `competency_blocs` (`exam_session_id`,`position`);--> statement-breakpoint
CREATE TABLE `deliberations` (
	`exam_session_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`blocs` text DEFAULT '[]' NOT NULL,
	`proposed` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`confirmed_by` text NOT NULL,
	`confirmed_by_name` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	PRIMARY KEY(`exam_session_id`, `learner_id`),
	FOREIGN KEY (`exam_session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reconciled_entries` (
	`reconciliation_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`part` text NOT NULL,
	`learner_id` text DEFAULT '' NOT NULL,
	`level` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`reconciliation_id`, `criterion_id`, `part`, `learner_id`),
	FOREIGN KEY (`reconciliation_id`) REFERENCES `reconciliations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reconciliations` (
	`id` text PRIMARY KEY NOT NULL,
	`instance_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`lead_assignment_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`instance_id`) REFERENCES `evaluation_instances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_assignment_id`) REFERENCES `juror_assignments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliations_uq` ON `reconciliations` (`instance_id`,`subject_id`);--> statement-breakpoint
ALTER TABLE `evaluation_instances` ADD `anonymity_lifted_at` integer;--> statement-breakpoint
ALTER TABLE `evaluation_instances` ADD `double_marking` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `president_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `results_published_at` integer;--> statement-breakpoint
ALTER TABLE `juror_assignments` ADD `lead` integer DEFAULT false NOT NULL;