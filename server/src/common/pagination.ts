import { Page, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@shanqian/shared';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OptionalInt } from './form-fields';

/** `?page=&page_size=` of every paginated list (seed §1.3.3). */
export class PageQueryDto {
  @OptionalInt({ min: 1, max: 100000 }) page?: number | null;
  @OptionalInt({ min: 1, max: PAGE_SIZE_MAX }) page_size?: number | null;
}

/** Runs the query for one page and answers it in the seed's shape; `map` turns rows into what the API shows. */
export async function paginate<E extends ObjectLiteral, T>(query: SelectQueryBuilder<E>, page: PageQueryDto, map: (row: E) => T): Promise<Page<T>> {
  const pageNo = page.page ?? 1;
  const pageSize = page.page_size ?? PAGE_SIZE_DEFAULT;
  const [rows, count] = await query.skip((pageNo - 1) * pageSize).take(pageSize).getManyAndCount();
  return { list: rows.map(map), page: pageNo, pageSize, total: Math.ceil(count / pageSize), count };
}

/**
 * `column LIKE :param` matching the keyword anywhere, its own % and _ taken literally. The escape
 * character is `!` because SQLite and MariaDB read a backslash in a string literal differently.
 */
export function whereContains(column: string, param: string, keyword: string): [string, Record<string, string>] {
  return [`${column} LIKE :${param} ESCAPE '!'`, { [param]: `%${keyword.replace(/[!%_]/g, (c) => `!${c}`)}%` }];
}
