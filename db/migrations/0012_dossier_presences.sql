CREATE TABLE `dossier_presences` (
	`dossier_id` text NOT NULL,
	`user_id` text NOT NULL,
	`section_id` text,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`dossier_id`, `user_id`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
