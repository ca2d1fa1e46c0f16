import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data every installation needs (production included): the dictionaries of GET /dict.
 * Plain SQL that both dialects read alike, so the one migration serves both; the data is frozen
 * here, later changes come as new migrations or through the back office.
 */
const DICTIONARIES: Record<string, [string, string][]> = {
  Edu_Type: [
    ['primary', '小学'], ['junior', '初中'], ['senior', '高中'], ['secondary_vocational', '中专'],
    ['college', '大专'], ['bachelor', '本科'], ['master', '硕士'], ['doctor', '博士'],
  ],
  // GB/T 3304 codes of the 56 ethnic groups.
  Nation: [
    '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
    '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
    '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
    '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
    '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
  ].map((name, i) => [String(i + 1).padStart(2, '0'), name]),
  Marital_Sts: [['1', '未婚'], ['2', '已婚'], ['3', '离异']],
  Political_Sts: [['1', '共产党员'], ['2', '共青团员'], ['3', '群众']],
  Acct_Type: [['0', '农村'], ['1', '城市']],
  Gender: [['0', '未知'], ['1', '男'], ['2', '女']],
  Relationship: [
    ['parent', '父母'], ['spouse', '配偶'], ['child', '子女'], ['sibling', '兄弟姐妹'],
    ['relative', '其他亲属'], ['friend', '朋友'], ['colleague', '同事'], ['other', '其他'],
  ],
};

export class ReferenceDictionaries1795356700000 implements MigrationInterface {
  name = 'ReferenceDictionaries1795356700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = Object.entries(DICTIONARIES).flatMap(([item, entries]) => entries.map(([key, value], sort) => [item, key, value, sort, 1]));
    await queryRunner.query(
      `INSERT INTO dictionary (dict_item, dict_key, dict_value, sort, status) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const items = Object.keys(DICTIONARIES);
    await queryRunner.query(`DELETE FROM dictionary WHERE dict_item IN (${items.map(() => '?').join(', ')})`, items);
  }
}
