namespace Kaohe.IO;

/// <summary>Text written into spreadsheet cells (CSV, XLSX).</summary>
internal static class CellText
{
    /// <summary>
    /// Neutralises formula injection: a text cell — header or data — starting with <c>= + - @</c>, a tab or a carriage
    /// return would be evaluated by Excel as a formula when the file is opened, so it is prefixed with <c>'</c>.
    /// Idempotent (a neutralised text starts with <c>'</c>), so a writer may apply it to every text it writes.
    /// Numbers are written as numbers and never pass through here.
    /// </summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>
    /// The text <see cref="Safe"/> was given: a text read back from a file we wrote loses the <c>'</c> that kept it from
    /// being a formula. Only that prefix is removed; any other text is returned as it is.
    /// </summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;
}
