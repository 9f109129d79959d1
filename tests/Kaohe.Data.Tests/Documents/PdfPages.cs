using System.Text;
using System.Text.RegularExpressions;

namespace Kaohe.Data.Tests.Documents;

/// <summary>The pages of a PDF counted by their page objects (/Type /Page, not /Pages); Chromium writes them uncompressed.</summary>
public static partial class PdfPages
{
    public static int Count(byte[] pdf)
    {
        Assert.True(pdf.Length > 4 && Encoding.ASCII.GetString(pdf, 0, 5) == "%PDF-", "not a PDF");
        return PageObject().Count(Encoding.Latin1.GetString(pdf));
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();
}
