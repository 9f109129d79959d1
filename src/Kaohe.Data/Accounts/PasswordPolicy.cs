using System.Text;

namespace Kaohe.Data.Accounts;

/// <summary>
/// What a password must be (NIST SP 800-63B in spirit: length and a block list rather than composition rules):
/// 8–128 characters; not all digits; at least 4 different characters; not a run such as 12345678 or abcdefgh or a
/// keyboard row; not one of the passwords most often leaked (English and Chinese lists); not containing the
/// login name or the person's name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>The reason <paramref name="password"/> is refused for this account, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string? userName = null, string? displayName = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength || password.Length > MaxLength)
            return $"密码应为 {MinLength}–{MaxLength} 个字符";
        if (string.IsNullOrWhiteSpace(password)) return "密码不能全是空格";
        var folded = Fold(password);
        if (folded.All(char.IsDigit)) return "密码不能全是数字";
        if (folded.Distinct().Count() < 4) return "密码太简单：至少要有 4 个不同的字符";
        if (IsRun(folded)) return "密码太简单：不能是连续的字母、数字或键盘上的一排键";
        if (Common.Contains(folded)) return "这是最常被泄露的密码之一，请换一个";
        foreach (var name in new[] { userName, displayName })
        {
            var n = Fold(name ?? "");
            // A Chinese name is two or three characters; shorter Latin names are too common to refuse.
            if (n.Length >= (n.Any(c => c >= '\u2E80') ? 2 : 3) && folded.Contains(n, StringComparison.Ordinal)) return "密码不能包含登录名或姓名";
        }
        return null;
    }

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();

    private static readonly string[] Rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    /// <summary>A password that is a stretch of one of the rows, forwards or backwards, possibly repeated.</summary>
    private static bool IsRun(string p)
    {
        var letters = new string(p.Where(char.IsLetterOrDigit).ToArray());
        if (letters.Length < p.Length - 1 || letters.Length < 6) return false;
        foreach (var row in Rows)
        {
            var back = new string(row.Reverse().ToArray());
            if (IsWalk(letters, row) || IsWalk(letters, back)) return true;
        }
        return false;
    }

    // Every character follows its predecessor in the row (wrapping around, so 12345678901 and 90123456 count).
    private static bool IsWalk(string p, string row)
    {
        for (var i = 1; i < p.Length; i++)
        {
            var a = row.IndexOf(p[i - 1]);
            var b = row.IndexOf(p[i]);
            if (a < 0 || b < 0 || b != (a + 1) % row.Length) return false;
        }
        return true;
    }

    // The most common passwords of published leak lists (including the Chinese ones) that pass the length rule.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "iloveyou", "iloveyou1", "sunshine", "princess",
        "football", "baseball", "welcome1", "welcome123", "superman", "whatever", "trustno1", "starwars", "computer", "michelle",
        "jennifer", "12qwaszx", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "1qazxsw2", "zaq12wsx", "qazwsxedc", "qwer1234", "1234qwer",
        "abcd1234", "abc12345", "abc123456", "a1234567", "a12345678", "a123456789", "aa123456", "aa12345678", "qq123456", "qq12345678",
        "123456abc", "123456aa", "123456qq", "12345abc", "asd12345", "asdf1234", "zxcv1234", "admin123", "admin1234", "administrator",
        "adminadmin", "root1234", "changeme", "letmein1", "master12", "qwerty123", "qwerty12", "1234abcd", "woaini1314", "woaini520",
        "woaini123", "woaini521", "5201314520", "13145201314", "1314520520", "52013145", "520520520", "woainima", "wodemima", "mima1234",
        "dearbook", "xiazhili", "zhang123", "wang1234", "li123456", "liu123456", "chen1234", "nihao123", "woshishui", "qwe123456",
        "147258369", "159357258", "123654789", "789456123", "741852963", "963852741", "147852369", "258369147", "31415926", "314159265",
        "11223344", "12344321", "123321123", "12121212", "12341234", "123123123", "1231234", "110110110", "11111111a", "aaaaaa11",
        "88888888a", "q1w2e3r4", "q1w2e3r4t5", "1a2b3c4d", "a1b2c3d4", "qweasdzxc", "asdasdasd", "qweqweqwe", "zxczxczxc", "iloveyou520",
        "kaohe123", "kaohe2026", "kaohe888", "jixiao123", "kaohe@123", "admin@123", "admin888", "admin666", "abc@1234", "abcd@1234",
        "qwer@1234", "p@ssw0rd1", "password!", "12345678a", "123456789a", "1234567890a", "a123123123", "asdfghjk", "iloveu1314", "sb123456",
    };
}
