import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-office user names become case-insensitive (admin-user.entity.ts normalizeUsername): each is
 * stored in lower case. Plain SQL that both dialects read alike, so the one migration serves both.
 *
 * MariaDB's collation already refused names differing only in case; SQLite may hold `admin` and
 * `ADMIN` side by side. Of such a group the name already in lower case (else the oldest) keeps it;
 * the others get their id appended (`admin-7`) and sign in under that name from now on.
 */
export class LowerCaseAdminUsernames1796216125464 implements MigrationInterface {
  name = 'LowerCaseAdminUsernames1796216125464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: number; username: string }[] = await queryRunner.query('SELECT id, username FROM admin_user ORDER BY id');
    const groups = new Map<string, { id: number; username: string }[]>();
    for (const row of rows) {
      const name = row.username.toLowerCase();
      groups.set(name, [...(groups.get(name) ?? []), row]);
    }
    const taken = new Set(groups.keys());
    const renames: [number, string][] = [];
    const lowered: [number, string][] = [];
    for (const [name, members] of groups) {
      const keeper = members.find((row) => row.username === name) ?? members[0];
      if (keeper.username !== name) lowered.push([keeper.id, name]);
      for (const other of members.filter((row) => row !== keeper)) {
        const renamed = `${name.slice(0, 31 - String(other.id).length)}-${other.id}`;
        if (taken.has(renamed)) throw new Error(`admin_user ${other.id}: cannot rename ${other.username} to ${renamed}, the name is taken`);
        taken.add(renamed);
        renames.push([other.id, renamed]);
      }
    }
    // The others first, so that the name each keeper takes is free.
    for (const [id, username] of [...renames, ...lowered]) await queryRunner.query('UPDATE admin_user SET username = ? WHERE id = ?', [username, id]);
  }

  /** Nothing to undo: lower-case names are valid names, and the original case is not kept. */
  public async down(): Promise<void> {}
}
