CREATE TABLE `section_ydocs` (
	`dossier_id` text NOT NULL,
	`section_id` text NOT NULL,
	`state` blob NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`dossier_id`, `section_id`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
