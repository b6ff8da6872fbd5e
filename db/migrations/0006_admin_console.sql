CREATE TABLE `password_links` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_links_token_hash_unique` ON `password_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_links_user_idx` ON `password_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `theme_draws` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`seed` text NOT NULL,
	`result` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`drawn_by` text,
	`drawn_by_name` text NOT NULL,
	`drawn_at` integer NOT NULL,
	`superseded_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`drawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `theme_draws_group_idx` ON `theme_draws` (`group_id`);--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `retention_months` integer DEFAULT 36 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;