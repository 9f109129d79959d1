using System.Text.Encodings.Web;

namespace Kaohe.IO.Documents;

/// <summary>
/// The print layout of <see cref="PaperForm"/>s as one HTML document for headless Chromium (<see cref="ChromiumPdf"/>):
/// A4, each form starting on a new page, the item table's heading repeated when a form runs over a page, 第 N 页 / 共 M
/// 页 at the foot of each page, no navigation. Forms are written one after another to a <see cref="TextWriter"/> (a
/// temporary file for a whole cycle), so a large stack is never held in memory. Every text is HTML-encoded.
/// </summary>
public sealed class PaperHtml(TextWriter writer)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const string Css = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm;
          @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #444; } }
        * { box-sizing: border-box; }
        body { margin: 0; width: 186mm; font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10pt; color: #000; }
        .form { break-after: page; }
        .form:last-child { break-after: auto; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
        .kind { text-align: center; font-size: 11pt; margin: 0 0 3mm; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle; word-break: break-word; }
        thead th { background: #f2f2f2; text-align: center; }
        .head th { width: 14%; text-align: center; background: none; }
        .head { margin-bottom: 3mm; }
        .c { text-align: center; }
        .total th { text-align: right; }
        .sig { margin-top: 8mm; width: 100%; border: none; }
        .sig td { border: none; padding: 4mm 1mm; }
        .line { border-bottom: 0.6pt solid #000 !important; }
        tr { break-inside: avoid; }
        .items td { white-space: pre-line; }
        """;

    /// <summary>Starts the document.</summary>
    public void Begin(string title)
    {
        writer.Write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
        Text(title);
        writer.Write("</title><style>");
        writer.Write(Css);
        writer.Write("</style></head><body>");
    }

    /// <summary>Ends the document.</summary>
    public void End()
    {
        writer.Write("<script>");
        writer.Write(FitScript);
        writer.Write("</script></body></html>");
    }

    // One appraisee a page, as the signed stack is filed: a form taller than the page (A4 less the margins, 267 mm) is
    // scaled down to fit, down to half size; a longer one runs over onto further pages. Runs before Chromium prints.
    private const string FitScript = """
        (function () {
          var mm = 96 / 25.4, avail = 267 * mm * 0.98, width = 186;
          document.querySelectorAll('.form > .fit').forEach(function (fit) {
            var height = function (z) { fit.style.width = (width / z) + 'mm'; return fit.offsetHeight * z; };
            if (height(1) <= avail) return;
            // The widest zoom that fits: wider text wraps less, so search between half size (assumed to fit) and full.
            var lo = 0.5, hi = 1;
            for (var i = 0; i < 8; i++) { var mid = (lo + hi) / 2; if (height(mid) <= avail) lo = mid; else hi = mid; }
            var h = height(lo);
            fit.style.transformOrigin = '0 0';
            fit.style.transform = 'scale(' + lo + ')';
            fit.parentElement.style.height = Math.min(h, avail) + 'px';
            fit.parentElement.style.overflow = h > avail ? 'visible' : 'hidden';
          });
        })();
        """;

    /// <summary>Writes one form, starting on a new page.</summary>
    public void Write(PaperForm form)
    {
        writer.Write("<section class=\"form\"><div class=\"fit\"><h1>");
        Text(form.Title);
        writer.Write("</h1><p class=\"kind\">");
        Text(form.Kind);
        writer.Write("</p><table class=\"head\"><colgroup><col style=\"width:14%\"><col style=\"width:40%\"><col style=\"width:14%\"><col style=\"width:32%\"></colgroup><tbody>");
        for (var i = 0; i < form.Header.Count; i += 2)
        {
            writer.Write("<tr>");
            Pair(form.Header[i]);
            if (i + 1 < form.Header.Count) Pair(form.Header[i + 1]);
            else writer.Write("<th></th><td></td>");
            writer.Write("</tr>");
        }
        writer.Write("</tbody></table>");

        writer.Write("<table class=\"items\"><colgroup><col style=\"width:5%\"><col style=\"width:11%\"><col style=\"width:15%\"><col style=\"width:7%\">"
                     + "<col style=\"width:30%\"><col style=\"width:9%\"><col style=\"width:23%\"></colgroup><thead><tr>"
                     + "<th>序号</th><th>考核项目</th><th>考核内容</th><th>分值</th><th>评分标准</th><th>");
        Text(form.ScoreHeading);
        writer.Write("</th><th>备注</th></tr></thead><tbody>");
        foreach (var section in form.Sections)
        {
            var span = section.Items.Count + (section.Subtotal is null ? 0 : 1);
            for (var i = 0; i < section.Items.Count; i++)
            {
                var item = section.Items[i];
                writer.Write("<tr><td class=\"c\">");
                writer.Write(item.No.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.Write("</td>");
                if (i == 0)
                {
                    writer.Write($"<th rowspan=\"{span}\">");
                    Text(section.Name);
                    writer.Write("</th>");
                }
                Cell(item.Name);
                Cell(item.Points, "c");
                Cell(item.Standard);
                Cell(item.Score?.Text ?? "", "c");
                Cell(item.Remark);
                writer.Write("</tr>");
            }
            if (section.Subtotal is { } subtotal)
            {
                writer.Write("<tr><td></td>");
                if (section.Items.Count == 0)
                {
                    writer.Write("<th>");
                    Text(section.Name);
                    writer.Write("</th>");
                }
                writer.Write("<th>小计</th><td></td><td></td>");
                Cell(subtotal.Text, "c");
                Cell(section.SubtotalNote ?? "");
                writer.Write("</tr>");
            }
        }
        foreach (var total in form.Totals)
        {
            writer.Write("<tr class=\"total\"><th colspan=\"5\">");
            Text(total.Label);
            writer.Write("</th><td class=\"c\"><b>");
            Text(total.Value.Text);
            writer.Write("</b></td>");
            Cell(total.Remark);
            writer.Write("</tr>");
        }
        foreach (var remark in form.Remarks)
        {
            writer.Write("<tr><th colspan=\"2\">");
            Text(remark.Label);
            writer.Write(remark.Value.Length == 0 ? "</th><td colspan=\"5\" style=\"height:18mm\">" : "</th><td colspan=\"5\" style=\"white-space:pre-line\">");
            Text(remark.Value);
            writer.Write("</td></tr>");
        }
        writer.Write("</tbody></table><table class=\"sig\"><colgroup><col style=\"width:16%\"><col style=\"width:34%\"><col style=\"width:10%\"><col style=\"width:40%\"></colgroup><tbody>");
        foreach (var signature in form.Signatures)
        {
            writer.Write("<tr><td>");
            Text(signature);
            writer.Write("：</td><td class=\"line\"></td><td style=\"text-align:right\">日期：</td><td class=\"line\"></td></tr>");
        }
        writer.Write("</tbody></table></div></section>");
    }

    private void Pair(PaperField field)
    {
        writer.Write("<th>");
        Text(field.Label);
        writer.Write("</th><td>");
        Text(field.Value);
        writer.Write("</td>");
    }

    private void Cell(string text, string? cls = null)
    {
        writer.Write(cls is null ? "<td>" : $"<td class=\"{cls}\">");
        Text(text);
        writer.Write("</td>");
    }

    private void Text(string text) => Encoder.Encode(writer, text);
}
