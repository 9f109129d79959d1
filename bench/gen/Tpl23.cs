using System.Globalization;
using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>
/// TPL-23 (網格客戶經理統一考核模板) input rows: the 37 columns of bench/tpl23-columns.md, with values spread so
/// that every branch of every rule occurs (below/above thresholds, fallbacks, cap waivers, negatives).
/// </summary>
internal static class Tpl23
{
    public static readonly string[] Header =
    [
        "对象", "通信和信息化收入—統付新增或劃帳收入", "通信和信息化收入—統付新增或劃帳收入[目标]", "集團產品滲透",
        "全業務滲透[綜合接入]", "全業務滲透[商企]", "集團組建", "集團組建[目标]", "集團組建[當月成功組建數]",
        "成員收集", "成員收集[目标]", "成員收集[成員真實性]", "4G拍照用戶換卡", "4G拍照用戶換卡[目標用戶數]",
        "4G拍照用戶換套餐", "4G拍照用戶換套餐[目標用戶數]", "存量合約發展", "存量合約發展[目标]", "百萬工作機用戶到達",
        "百萬工作機用戶到達[目标]", "高價值用戶回流[回流成功集團數]", "高價值用戶回流[連續兩周無工作次數]",
        "服務進駐[無進駐周數]", "服務進駐[走訪未達標集團數]", "服務進駐[三優協議未續簽數]", "服務進駐[預警處理及時率]",
        "服務進駐[預警處理及時率目標]", "服務進駐[集團鉆金卡客戶回收率]", "服務進駐[集團產品回收率]",
        "客戶滿意度[集團客戶滿意度]", "客戶滿意度[金牌客戶滿意度]", "客戶滿意度[集團產品使用調研]", "客戶滿意度[金牌客戶整理上報率]",
        "欠費回收率[集團鉆金卡客戶回收率]", "欠費回收率[集團產品當年回收率]", "區域短板提升", "加扣分項",
    ];

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string P(int tenths) => (tenths / 10m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static void WriteCsv(string path, int n, ulong seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write(string.Join(',', Header));
        w.Write('\n');
        var row = new string[Header.Length];
        for (var i = 0; i < n; i++)
        {
            var r = new SplitMix64(SplitMix64.Mix(seed ^ SplitMix64.Mix(0xD1B54A32D192ED03UL + (ulong)i)));
            var groupsTarget = r.Range(57, 73);
            var membersTarget = r.Range(240, 744);
            var contractsTarget = r.Range(10, 24);
            var phonesTarget = r.Range(102, 374);
            row[0] = "網格經理" + (i + 1).ToString("D7", CultureInfo.InvariantCulture);
            row[1] = I(r.Range(0, 4));
            row[2] = "1";
            row[3] = I(r.Range(-1, 4));
            row[4] = I(r.Range(-1, 4));
            row[5] = I(r.Range(0, 4));
            row[6] = I(r.Range(groupsTarget / 2, groupsTarget + 10));
            row[7] = I(groupsTarget);
            row[8] = I(r.Range(5, 20));
            row[9] = I(r.Range(membersTarget / 2, membersTarget + 50));
            row[10] = I(membersTarget);
            row[11] = P(r.Range(700, 1000));
            row[12] = P(r.Range(300, 700));
            row[13] = I(r.Range(50, 160));
            row[14] = P(r.Range(200, 600));
            row[15] = I(r.Range(50, 160));
            row[16] = I(r.Range(0, contractsTarget + 5));
            row[17] = I(contractsTarget);
            row[18] = I(r.Range(-10, phonesTarget + 40));
            row[19] = I(phonesTarget);
            row[20] = I(r.Range(0, 3));
            row[21] = I(r.Range(0, 2));
            row[22] = I(r.Range(0, 2));
            row[23] = I(r.Range(0, 4));
            row[24] = I(r.Range(0, 2));
            row[25] = P(r.Range(800, 1000));
            row[26] = "95.0%";
            row[27] = P(r.Range(900, 1000));
            row[28] = P(r.Range(750, 1000));
            row[29] = P(r.Range(680, 1000));
            row[30] = P(r.Range(680, 1000));
            row[31] = P(r.Range(680, 1000));
            row[32] = P(r.Range(700, 1000));
            row[33] = P(r.Range(900, 1000));
            row[34] = P(r.Range(940, 1000));
            row[35] = I(r.Range(0, 10));
            row[36] = I(r.Range(-5, 5));
            w.Write(string.Join(',', row));
            w.Write('\n');
        }
    }
}
