using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using MiniExcelLibs;

namespace Kaohe.IO;

/// <summary>
/// XLSX output: sheet 结果 (as CSV: inputs, then results; it can be read back as input) and sheet 评分依据 (one row per subject × indicator: 对象, 分组, 指标,
/// 得分, 满分, 评分依据). A workbook is written in one piece at the end, so its rows are held until then.
/// </summary>
internal sealed class XlsxResultWriter : ResultWriter
{
    private readonly Stream _stream;
    private readonly ResultTable _table;
    private readonly List<Dictionary<string, object?>> _results = [];
    private readonly List<Dictionary<string, object?>> _details = [];

    private readonly string? _codeHeader;

    public XlsxResultWriter(Stream stream, Scheme scheme, bool codes = false) : base(scheme)
    {
        _stream = stream;
        _table = new ResultTable(scheme, codes);
        _codeHeader = codes ? ResultTable.CodeHeader(scheme) : null;
    }

    protected override void Begin(string? period) { }

    protected override void WriteResult(SubjectInput input, SubjectResult r)
    {
        var cells = _table.Row(input, r);
        var row = new Dictionary<string, object?>(cells.Length);
        for (var i = 0; i < cells.Length; i++) row[_table.Header[i]] = cells[i] is string text ? CellText.Safe(text) : cells[i];
        _results.Add(row);
        var subject = CellText.Safe(r.Subject);
        foreach (var ind in r.Indicators)
        {
            var detail = new Dictionary<string, object?> { ["对象"] = subject };
            if (_codeHeader is not null) detail[_codeHeader] = r.Code is null ? null : CellText.Safe(r.Code);
            _details.Add(new Dictionary<string, object?>(detail)
            {
                ["分组"] = CellText.Safe(ind.Section),
                ["指标"] = CellText.Safe(ind.Name),
                ["得分"] = ind.Score is { } s ? Fmt.Round2(s) : null,
                ["满分"] = ind.Max,
                ["评分依据"] = CellText.Safe(ind.Explanation),
            });
        }
    }

    protected override void End(string? period)
    {
        // MiniExcel takes the header from the first row; an empty run still gets its columns.
        object results = _results.Count > 0 ? _results : new[] { _table.Header.ToDictionary(h => h, _ => (object?)null) };
        object details = _details.Count > 0 ? _details : new[] { new[] { "对象", _codeHeader, "分组", "指标", "得分", "满分", "评分依据" }.OfType<string>().ToDictionary(h => h, _ => (object?)null) };
        var sheets = new Dictionary<string, object> { ["结果"] = results, ["评分依据"] = details };
        MiniExcel.SaveAs(_stream, sheets, excelType: ExcelType.XLSX);
    }

    public override void Dispose() { }
}
