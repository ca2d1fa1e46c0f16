import { MigrationInterface, QueryRunner } from "typeorm";

export class CompanyCertificate1796300000200 implements MigrationInterface {
    name = 'CompanyCertificate1796300000200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`company_certificate\` (\`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`id\` int NOT NULL AUTO_INCREMENT, \`company_id\` int NOT NULL, \`contract_body\` varchar(32) NULL, \`active_for\` varchar(32) NULL, \`source\` varchar(16) NOT NULL, \`serial\` varchar(64) NOT NULL, \`fingerprint_sha256\` varchar(64) NOT NULL, \`certificate_pem\` text NOT NULL, \`chain_pem\` text NULL, \`private_key_enc\` text NOT NULL, \`not_before\` datetime NOT NULL, \`not_after\` datetime NOT NULL, INDEX \`IDX_4a9ceb6a94a883018112248562\` (\`fingerprint_sha256\`), UNIQUE INDEX \`IDX_992bc836cdf5f88f528ed3ae3a\` (\`company_id\`, \`active_for\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_992bc836cdf5f88f528ed3ae3a\` ON \`company_certificate\``);
        await queryRunner.query(`DROP INDEX \`IDX_4a9ceb6a94a883018112248562\` ON \`company_certificate\``);
        await queryRunner.query(`DROP TABLE \`company_certificate\``);
    }

}
