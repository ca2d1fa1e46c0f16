import { MigrationInterface, QueryRunner } from "typeorm";

export class BackOfficeAndSigning1795475264914 implements MigrationInterface {
    name = 'BackOfficeAndSigning1795475264914'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`admin_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`token_hash\` varchar(64) NOT NULL, \`admin_id\` int NOT NULL, \`ip\` varchar(45) NOT NULL, \`expires_at\` datetime NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_3779826166c68e21087087f20b\` (\`token_hash\`), INDEX \`IDX_1e1e8156c364c7c434086789a5\` (\`admin_id\`), INDEX \`IDX_200e25258e42cde266a3bd2668\` (\`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`admin_audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`admin_id\` int NULL, \`admin_username\` varchar(32) NOT NULL, \`action\` varchar(48) NOT NULL, \`target_type\` varchar(32) NULL, \`target_id\` int NULL, \`detail\` varchar(2000) NULL, \`ip\` varchar(45) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_fae3c2a824a6f5fa62a475f3f4\` (\`admin_id\`), INDEX \`IDX_660bcad1f33a1fc991c21404f0\` (\`action\`), INDEX \`IDX_f5c04c9384762261d79b65c6e5\` (\`created_at\`), INDEX \`IDX_3fe25b0c313e7af4a42d6f622f\` (\`target_type\`, \`target_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`realname_check\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`em_id\` int NOT NULL, \`provider\` varchar(16) NOT NULL, \`with_selfie\` tinyint NOT NULL DEFAULT 0, \`outcome\` varchar(16) NOT NULL, \`reason\` varchar(256) NULL, \`provider_ref\` varchar(64) NULL, \`ip\` varchar(45) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_6fb95f958dcaff2c6bde39c3a3\` (\`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`contract_document\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`apply_id\` int NOT NULL, \`terms_sha256\` varchar(64) NOT NULL, \`template_sha256\` varchar(64) NOT NULL, \`filled_key\` varchar(64) NOT NULL, \`filled_sha256\` varchar(64) NOT NULL, \`signed_key\` varchar(64) NULL, \`signed_sha256\` varchar(64) NULL, \`signed_at\` datetime NULL, \`signature_upload_id\` int NULL, \`cert_sha256\` varchar(64) NULL, \`timestamp_at\` datetime NULL, UNIQUE INDEX \`IDX_693abc00ea4a8c7a8adaf472eb\` (\`apply_id\`), INDEX \`IDX_5cbf3decd4074153f6e736f847\` (\`signed_sha256\`), UNIQUE INDEX \`REL_693abc00ea4a8c7a8adaf472eb\` (\`apply_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`admin_user\` ADD \`view_all_applications\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`sign_apply_event\` ADD \`detail\` varchar(512) NULL`);
        await queryRunner.query(`ALTER TABLE \`admin_session\` ADD CONSTRAINT \`FK_1e1e8156c364c7c434086789a5e\` FOREIGN KEY (\`admin_id\`) REFERENCES \`admin_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`contract_document\` ADD CONSTRAINT \`FK_693abc00ea4a8c7a8adaf472ebc\` FOREIGN KEY (\`apply_id\`) REFERENCES \`sign_apply\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`contract_document\` DROP FOREIGN KEY \`FK_693abc00ea4a8c7a8adaf472ebc\``);
        await queryRunner.query(`ALTER TABLE \`admin_session\` DROP FOREIGN KEY \`FK_1e1e8156c364c7c434086789a5e\``);
        await queryRunner.query(`ALTER TABLE \`sign_apply_event\` DROP COLUMN \`detail\``);
        await queryRunner.query(`ALTER TABLE \`admin_user\` DROP COLUMN \`view_all_applications\``);
        await queryRunner.query(`DROP INDEX \`REL_693abc00ea4a8c7a8adaf472eb\` ON \`contract_document\``);
        await queryRunner.query(`DROP INDEX \`IDX_5cbf3decd4074153f6e736f847\` ON \`contract_document\``);
        await queryRunner.query(`DROP INDEX \`IDX_693abc00ea4a8c7a8adaf472eb\` ON \`contract_document\``);
        await queryRunner.query(`DROP TABLE \`contract_document\``);
        await queryRunner.query(`DROP INDEX \`IDX_6fb95f958dcaff2c6bde39c3a3\` ON \`realname_check\``);
        await queryRunner.query(`DROP TABLE \`realname_check\``);
        await queryRunner.query(`DROP INDEX \`IDX_3fe25b0c313e7af4a42d6f622f\` ON \`admin_audit_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_f5c04c9384762261d79b65c6e5\` ON \`admin_audit_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_660bcad1f33a1fc991c21404f0\` ON \`admin_audit_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_fae3c2a824a6f5fa62a475f3f4\` ON \`admin_audit_log\``);
        await queryRunner.query(`DROP TABLE \`admin_audit_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_200e25258e42cde266a3bd2668\` ON \`admin_session\``);
        await queryRunner.query(`DROP INDEX \`IDX_1e1e8156c364c7c434086789a5\` ON \`admin_session\``);
        await queryRunner.query(`DROP INDEX \`IDX_3779826166c68e21087087f20b\` ON \`admin_session\``);
        await queryRunner.query(`DROP TABLE \`admin_session\``);
    }

}
