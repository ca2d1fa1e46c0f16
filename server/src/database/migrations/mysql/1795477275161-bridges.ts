import { MigrationInterface, QueryRunner } from "typeorm";

export class Bridges1795477275161 implements MigrationInterface {
    name = 'Bridges1795477275161'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`bridge_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bridge\` varchar(16) NOT NULL, \`operation\` varchar(48) NOT NULL, \`ok\` tinyint NOT NULL, \`message\` varchar(512) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_434acd4effd5ca361576f8f982\` (\`created_at\`), INDEX \`IDX_483c1f9495dfdb4e00aec4a4f8\` (\`bridge\`, \`ok\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bridge_job\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`bridge\` varchar(16) NOT NULL, \`type\` varchar(48) NOT NULL, \`payload\` text NOT NULL, \`dedupe_key\` varchar(128) NULL, \`status\` varchar(16) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`next_run_at\` datetime NOT NULL, \`last_error\` varchar(512) NULL, UNIQUE INDEX \`IDX_1b32432da0a2780c1fb5f4d2c6\` (\`dedupe_key\`), INDEX \`IDX_1b0304d6e1539e1a7065c454a0\` (\`next_run_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`feishu_link\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`talent_id\` varchar(32) NOT NULL, \`external_application_id\` varchar(32) NULL, \`last_stage\` varchar(32) NULL, \`synced_at\` datetime NULL, UNIQUE INDEX \`IDX_25c7b9692cc248ee32fe2bf8f6\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`leapin_invite\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`employee_id\` int NOT NULL, \`job_id\` int NOT NULL, \`leapin_application_id\` int NULL, \`interview_url\` varchar(512) NULL, \`status\` int NULL, \`report_status\` int NULL, \`total_score\` decimal(6,2) NULL, \`leapin_rank\` int NULL, \`report_url\` varchar(512) NULL, \`invited_at\` datetime NULL, \`pulled_at\` datetime NULL, INDEX \`IDX_cafc3e314b0014cdc5e56a39b1\` (\`application_id\`), INDEX \`IDX_d0f86f1f950735c558a75fd1e7\` (\`leapin_application_id\`), UNIQUE INDEX \`IDX_05cc230296466d8b903ed9258f\` (\`employee_id\`, \`job_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`moka_candidate\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`moka_application_id\` varchar(32) NOT NULL, \`phone\` varchar(16) NOT NULL, \`name\` varchar(64) NOT NULL, \`email\` varchar(128) NULL, \`gender\` int NOT NULL DEFAULT '0', \`birth_date\` varchar(10) NULL, \`nation\` varchar(12) NULL, \`id_number_enc\` varchar(128) NULL, \`position\` varchar(64) NULL, \`entry_date\` varchar(10) NULL, \`salary\` decimal(15,2) NULL, \`education\` text NOT NULL, \`experience\` text NOT NULL, \`raw_stage\` varchar(32) NOT NULL, \`employee_id\` int NULL, UNIQUE INDEX \`IDX_ca9f5152b02a1a7d2d4722c9f0\` (\`moka_application_id\`), INDEX \`IDX_9a695cd93c3ff0d4968ceb1dc7\` (\`phone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_9a695cd93c3ff0d4968ceb1dc7\` ON \`moka_candidate\``);
        await queryRunner.query(`DROP INDEX \`IDX_ca9f5152b02a1a7d2d4722c9f0\` ON \`moka_candidate\``);
        await queryRunner.query(`DROP TABLE \`moka_candidate\``);
        await queryRunner.query(`DROP INDEX \`IDX_05cc230296466d8b903ed9258f\` ON \`leapin_invite\``);
        await queryRunner.query(`DROP INDEX \`IDX_d0f86f1f950735c558a75fd1e7\` ON \`leapin_invite\``);
        await queryRunner.query(`DROP INDEX \`IDX_cafc3e314b0014cdc5e56a39b1\` ON \`leapin_invite\``);
        await queryRunner.query(`DROP TABLE \`leapin_invite\``);
        await queryRunner.query(`DROP INDEX \`IDX_25c7b9692cc248ee32fe2bf8f6\` ON \`feishu_link\``);
        await queryRunner.query(`DROP TABLE \`feishu_link\``);
        await queryRunner.query(`DROP INDEX \`IDX_1b0304d6e1539e1a7065c454a0\` ON \`bridge_job\``);
        await queryRunner.query(`DROP INDEX \`IDX_1b32432da0a2780c1fb5f4d2c6\` ON \`bridge_job\``);
        await queryRunner.query(`DROP TABLE \`bridge_job\``);
        await queryRunner.query(`DROP INDEX \`IDX_483c1f9495dfdb4e00aec4a4f8\` ON \`bridge_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_434acd4effd5ca361576f8f982\` ON \`bridge_event\``);
        await queryRunner.query(`DROP TABLE \`bridge_event\``);
    }

}
