import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795356679125 implements MigrationInterface {
    name = 'InitialSchema1795356679125'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`admin_user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(32) NOT NULL, \`name\` varchar(16) NULL, \`phone\` varchar(16) NULL, \`email\` varchar(32) NULL, \`role\` varchar(16) NOT NULL DEFAULT 'hr', \`password_hash\` varchar(255) NULL, \`status\` int NOT NULL DEFAULT '1', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_4d0392574f49340bb75a102b04\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`user_wechat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`verify_status\` int NOT NULL DEFAULT '0', \`verify_reason\` varchar(256) NULL, \`last_login_at\` datetime NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_75819d0f2d714577748b238374\` (\`openid\`), INDEX \`IDX_13a02ac25aeb17ee9996018a4b\` (\`unionid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`user_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`token_hash\` varchar(64) NOT NULL, \`user_id\` int NOT NULL, \`platform_code\` varchar(32) NOT NULL, \`unique_key\` varchar(32) NOT NULL, \`ip\` varchar(45) NOT NULL, \`city\` varchar(32) NULL, \`lng\` double NULL, \`lat\` double NULL, \`expires_at\` datetime NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_9ccf6d901cef4067214284f327\` (\`token_hash\`), INDEX \`IDX_0e82e6a3406d6ea5e5c4d06458\` (\`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`company\` (\`id\` int NOT NULL AUTO_INCREMENT, \`company_name\` varchar(64) NOT NULL, \`status\` int NOT NULL DEFAULT '1', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`dictionary\` (\`id\` int NOT NULL AUTO_INCREMENT, \`dict_item\` varchar(32) NOT NULL, \`dict_key\` varchar(32) NOT NULL, \`dict_value\` varchar(32) NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`status\` int NOT NULL DEFAULT '1', UNIQUE INDEX \`IDX_2fdd07f75e148bbe61da36cddc\` (\`dict_item\`, \`dict_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`platform\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name\` varchar(32) NOT NULL, \`status\` int NOT NULL DEFAULT '1', UNIQUE INDEX \`IDX_a5e12cd9f2b46a6ee77881a2c9\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`work_position\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(16) NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`status\` int NOT NULL DEFAULT '1', UNIQUE INDEX \`IDX_98ed76ffebab3527f66c85b403\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`upload\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storage_key\` varchar(64) NOT NULL, \`owner_user_id\` int NULL, \`mime\` varchar(32) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_d2d1bc2d795b9c0019672dc609\` (\`storage_key\`), INDEX \`IDX_02e06d58618d9a1441b96a5844\` (\`owner_user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`work_exp\` (\`id\` int NOT NULL AUTO_INCREMENT, \`employee_id\` int NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`company_name\` varchar(64) NOT NULL, \`position\` varchar(32) NOT NULL, \`start_date\` varchar(7) NOT NULL, \`end_date\` varchar(7) NOT NULL, \`description\` varchar(500) NULL, INDEX \`IDX_bbbdaa7f869f6b642e6b4dbef7\` (\`employee_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`employee\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`real_name\` varchar(16) NOT NULL, \`phone\` varchar(16) NOT NULL, \`id_number_enc\` varchar(128) NOT NULL, \`id_number_hash\` varchar(64) NOT NULL, \`age\` int NOT NULL DEFAULT '0', \`gender\` int NOT NULL DEFAULT '0', \`nation\` varchar(12) NOT NULL DEFAULT '', \`marital_sts\` int NOT NULL, \`political_sts\` int NOT NULL, \`acct_type\` int NOT NULL, \`acct_prc_id\` int NULL, \`acct_prc_name\` varchar(16) NULL, \`acct_city_id\` int NULL, \`acct_city_name\` varchar(12) NULL, \`acct_coy_id\` int NULL, \`acct_coy_name\` varchar(255) NULL, \`acct_addr\` varchar(16) NULL, \`province_id\` int NULL, \`province_name\` varchar(12) NULL, \`city_id\` int NULL, \`city_name\` varchar(12) NULL, \`county_id\` int NULL, \`county_name\` varchar(255) NULL, \`addr\` varchar(255) NULL, \`em_contact_name\` varchar(16) NULL, \`em_contact_phone\` varchar(32) NULL, \`em_contact_relationship\` varchar(32) NULL, \`id_card_front_id\` int NOT NULL, \`id_card_back_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_f61258e58ed35475ce1dba0379\` (\`user_id\`), UNIQUE INDEX \`IDX_81afb288b526f7e8fed0e4200c\` (\`phone\`), UNIQUE INDEX \`IDX_79693e48a12065a86590bb7e5e\` (\`id_number_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`employee_edu\` (\`id\` int NOT NULL AUTO_INCREMENT, \`employee_id\` int NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`school\` varchar(64) NOT NULL, \`major\` varchar(64) NOT NULL, \`edu_type\` varchar(32) NOT NULL, \`start_date\` varchar(7) NOT NULL, \`end_date\` varchar(7) NOT NULL, INDEX \`IDX_4f544738a2f5914ff2025c08ea\` (\`employee_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`contract\` (\`id\` int NOT NULL AUTO_INCREMENT, \`contract_name\` varchar(32) NOT NULL, \`contract_body\` varchar(32) NOT NULL, \`company_id\` int NOT NULL, \`sign_year\` int NOT NULL, \`file_url\` varchar(64) NOT NULL, \`status\` int NOT NULL DEFAULT '1', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_1dbf9a5c77120410dfac83b817\` (\`company_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`sign_apply_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`apply_id\` int NOT NULL, \`event\` varchar(32) NOT NULL, \`from_status\` int NULL, \`to_status\` int NOT NULL, \`actor_type\` varchar(16) NOT NULL, \`actor_id\` int NOT NULL, \`ip\` varchar(45) NOT NULL, \`city\` varchar(32) NULL, \`lng\` double NULL, \`lat\` double NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_752da38b0a40d8d73a613cac1f\` (\`apply_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`sign_apply\` (\`id\` int NOT NULL AUTO_INCREMENT, \`em_id\` int NOT NULL, \`ad_user_id\` int NOT NULL, \`work_pos\` varchar(16) NOT NULL DEFAULT '', \`company_id\` int NOT NULL, \`entry_date\` date NULL, \`contract_id\` int NULL, \`salary\` decimal(15,2) NOT NULL DEFAULT '0.00', \`apply_time\` datetime NOT NULL, \`status\` int NOT NULL, \`reason\` varchar(256) NULL, \`apply_ip\` varchar(45) NOT NULL, \`apply_city\` varchar(32) NULL, \`apply_lng\` double NULL, \`apply_lat\` double NULL, \`version\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_8752531099adfce54dfc384164\` (\`em_id\`), INDEX \`IDX_dd622e1ef4dd16d27531f1d3c1\` (\`ad_user_id\`), INDEX \`IDX_bc67baafdb1e90ddadbf86679b\` (\`company_id\`), INDEX \`IDX_78379c61ec120c3cc30dd2ed0e\` (\`apply_time\`), INDEX \`IDX_22bc6ad1186deebd80928cfc8e\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`user_session\` ADD CONSTRAINT \`FK_13275383dcdf095ee29f2b3455a\` FOREIGN KEY (\`user_id\`) REFERENCES \`user_wechat\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`work_exp\` ADD CONSTRAINT \`FK_bbbdaa7f869f6b642e6b4dbef72\` FOREIGN KEY (\`employee_id\`) REFERENCES \`employee\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`employee\` ADD CONSTRAINT \`FK_f61258e58ed35475ce1dba03797\` FOREIGN KEY (\`user_id\`) REFERENCES \`user_wechat\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`employee\` ADD CONSTRAINT \`FK_f5421b6a60818e3dc988a0779c5\` FOREIGN KEY (\`id_card_front_id\`) REFERENCES \`upload\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`employee\` ADD CONSTRAINT \`FK_efe655b2a45f2925ffb7a99ea7d\` FOREIGN KEY (\`id_card_back_id\`) REFERENCES \`upload\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`employee_edu\` ADD CONSTRAINT \`FK_4f544738a2f5914ff2025c08eaa\` FOREIGN KEY (\`employee_id\`) REFERENCES \`employee\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`contract\` ADD CONSTRAINT \`FK_1dbf9a5c77120410dfac83b817c\` FOREIGN KEY (\`company_id\`) REFERENCES \`company\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` ADD CONSTRAINT \`FK_8752531099adfce54dfc3841647\` FOREIGN KEY (\`em_id\`) REFERENCES \`employee\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` ADD CONSTRAINT \`FK_dd622e1ef4dd16d27531f1d3c18\` FOREIGN KEY (\`ad_user_id\`) REFERENCES \`admin_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` ADD CONSTRAINT \`FK_bc67baafdb1e90ddadbf86679bf\` FOREIGN KEY (\`company_id\`) REFERENCES \`company\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` ADD CONSTRAINT \`FK_825596f1cadd52b88b0771a5358\` FOREIGN KEY (\`contract_id\`) REFERENCES \`contract\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`sign_apply\` DROP FOREIGN KEY \`FK_825596f1cadd52b88b0771a5358\``);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` DROP FOREIGN KEY \`FK_bc67baafdb1e90ddadbf86679bf\``);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` DROP FOREIGN KEY \`FK_dd622e1ef4dd16d27531f1d3c18\``);
        await queryRunner.query(`ALTER TABLE \`sign_apply\` DROP FOREIGN KEY \`FK_8752531099adfce54dfc3841647\``);
        await queryRunner.query(`ALTER TABLE \`contract\` DROP FOREIGN KEY \`FK_1dbf9a5c77120410dfac83b817c\``);
        await queryRunner.query(`ALTER TABLE \`employee_edu\` DROP FOREIGN KEY \`FK_4f544738a2f5914ff2025c08eaa\``);
        await queryRunner.query(`ALTER TABLE \`employee\` DROP FOREIGN KEY \`FK_efe655b2a45f2925ffb7a99ea7d\``);
        await queryRunner.query(`ALTER TABLE \`employee\` DROP FOREIGN KEY \`FK_f5421b6a60818e3dc988a0779c5\``);
        await queryRunner.query(`ALTER TABLE \`employee\` DROP FOREIGN KEY \`FK_f61258e58ed35475ce1dba03797\``);
        await queryRunner.query(`ALTER TABLE \`work_exp\` DROP FOREIGN KEY \`FK_bbbdaa7f869f6b642e6b4dbef72\``);
        await queryRunner.query(`ALTER TABLE \`user_session\` DROP FOREIGN KEY \`FK_13275383dcdf095ee29f2b3455a\``);
        await queryRunner.query(`DROP INDEX \`IDX_22bc6ad1186deebd80928cfc8e\` ON \`sign_apply\``);
        await queryRunner.query(`DROP INDEX \`IDX_78379c61ec120c3cc30dd2ed0e\` ON \`sign_apply\``);
        await queryRunner.query(`DROP INDEX \`IDX_bc67baafdb1e90ddadbf86679b\` ON \`sign_apply\``);
        await queryRunner.query(`DROP INDEX \`IDX_dd622e1ef4dd16d27531f1d3c1\` ON \`sign_apply\``);
        await queryRunner.query(`DROP INDEX \`IDX_8752531099adfce54dfc384164\` ON \`sign_apply\``);
        await queryRunner.query(`DROP TABLE \`sign_apply\``);
        await queryRunner.query(`DROP INDEX \`IDX_752da38b0a40d8d73a613cac1f\` ON \`sign_apply_event\``);
        await queryRunner.query(`DROP TABLE \`sign_apply_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_1dbf9a5c77120410dfac83b817\` ON \`contract\``);
        await queryRunner.query(`DROP TABLE \`contract\``);
        await queryRunner.query(`DROP INDEX \`IDX_4f544738a2f5914ff2025c08ea\` ON \`employee_edu\``);
        await queryRunner.query(`DROP TABLE \`employee_edu\``);
        await queryRunner.query(`DROP INDEX \`IDX_79693e48a12065a86590bb7e5e\` ON \`employee\``);
        await queryRunner.query(`DROP INDEX \`IDX_81afb288b526f7e8fed0e4200c\` ON \`employee\``);
        await queryRunner.query(`DROP INDEX \`IDX_f61258e58ed35475ce1dba0379\` ON \`employee\``);
        await queryRunner.query(`DROP TABLE \`employee\``);
        await queryRunner.query(`DROP INDEX \`IDX_bbbdaa7f869f6b642e6b4dbef7\` ON \`work_exp\``);
        await queryRunner.query(`DROP TABLE \`work_exp\``);
        await queryRunner.query(`DROP INDEX \`IDX_02e06d58618d9a1441b96a5844\` ON \`upload\``);
        await queryRunner.query(`DROP INDEX \`IDX_d2d1bc2d795b9c0019672dc609\` ON \`upload\``);
        await queryRunner.query(`DROP TABLE \`upload\``);
        await queryRunner.query(`DROP INDEX \`IDX_98ed76ffebab3527f66c85b403\` ON \`work_position\``);
        await queryRunner.query(`DROP TABLE \`work_position\``);
        await queryRunner.query(`DROP INDEX \`IDX_a5e12cd9f2b46a6ee77881a2c9\` ON \`platform\``);
        await queryRunner.query(`DROP TABLE \`platform\``);
        await queryRunner.query(`DROP INDEX \`IDX_2fdd07f75e148bbe61da36cddc\` ON \`dictionary\``);
        await queryRunner.query(`DROP TABLE \`dictionary\``);
        await queryRunner.query(`DROP TABLE \`company\``);
        await queryRunner.query(`DROP INDEX \`IDX_0e82e6a3406d6ea5e5c4d06458\` ON \`user_session\``);
        await queryRunner.query(`DROP INDEX \`IDX_9ccf6d901cef4067214284f327\` ON \`user_session\``);
        await queryRunner.query(`DROP TABLE \`user_session\``);
        await queryRunner.query(`DROP INDEX \`IDX_13a02ac25aeb17ee9996018a4b\` ON \`user_wechat\``);
        await queryRunner.query(`DROP INDEX \`IDX_75819d0f2d714577748b238374\` ON \`user_wechat\``);
        await queryRunner.query(`DROP TABLE \`user_wechat\``);
        await queryRunner.query(`DROP INDEX \`IDX_4d0392574f49340bb75a102b04\` ON \`admin_user\``);
        await queryRunner.query(`DROP TABLE \`admin_user\``);
    }

}
