ALTER TABLE `login_attempts` ADD `ip` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_attempts_email_ip_idx` ON `login_attempts` (`email`,`ip`,`created_at`);