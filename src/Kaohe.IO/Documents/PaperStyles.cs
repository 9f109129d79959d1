using SpreadCheetah;
using SpreadCheetah.Styling;

namespace Kaohe.IO.Documents;

/// <summary>The cell styles of the paper layout, registered once per workbook.</summary>
internal sealed class PaperStyles
{
    public PaperStyles(Spreadsheet book)
    {
        Title = book.AddStyle(new Style { Font = { Bold = true, Size = 16 }, Alignment = Centered(wrap: true) });
        Subtitle = book.AddStyle(new Style { Font = { Size = 12 }, Alignment = Centered(wrap: false) });
        Plain = book.AddStyle(new Style { Alignment = { Vertical = VerticalAlignment.Center } });
        Right = book.AddStyle(new Style { Alignment = { Horizontal = HorizontalAlignment.Right, Vertical = VerticalAlignment.Center } });
        Signature = book.AddStyle(new Style { Border = { Bottom = { BorderStyle = BorderStyle.Thin } } });
        Heading = book.AddStyle(Boxed(bold: true, Centered(wrap: true), fill: true));
        Label = book.AddStyle(Boxed(bold: true, Centered(wrap: true)));
        Section = book.AddStyle(Boxed(bold: true, Centered(wrap: true)));
        Cell = book.AddStyle(Boxed(bold: false, new Alignment { Vertical = VerticalAlignment.Center, WrapText = true }));
        Center = book.AddStyle(Boxed(bold: false, Centered(wrap: true)));
        CenterBold = book.AddStyle(Boxed(bold: true, Centered(wrap: true)));
        Number = book.AddStyle(Boxed(bold: false, Centered(wrap: false), NumberFormat.Standard(StandardNumberFormat.General)));
        NumberBold = book.AddStyle(Boxed(bold: true, Centered(wrap: false), NumberFormat.Standard(StandardNumberFormat.General)));
        Money = book.AddStyle(Boxed(bold: false, Centered(wrap: false), NumberFormat.Standard(StandardNumberFormat.ThousandsSeparatorTwoDecimalPlaces)));
        MoneyBold = book.AddStyle(Boxed(bold: true, Centered(wrap: false), NumberFormat.Standard(StandardNumberFormat.ThousandsSeparatorTwoDecimalPlaces)));
    }

    public StyleId Title { get; }
    public StyleId Subtitle { get; }
    public StyleId Plain { get; }
    public StyleId Right { get; }
    public StyleId Signature { get; }
    public StyleId Heading { get; }
    public StyleId Label { get; }
    public StyleId Section { get; }
    public StyleId Cell { get; }
    public StyleId Center { get; }
    public StyleId CenterBold { get; }
    public StyleId Number { get; }
    public StyleId NumberBold { get; }
    public StyleId Money { get; }
    public StyleId MoneyBold { get; }

    private static Alignment Centered(bool wrap) =>
        new() { Horizontal = HorizontalAlignment.Center, Vertical = VerticalAlignment.Center, WrapText = wrap };

    private static Style Boxed(bool bold, Alignment alignment, NumberFormat? format = null, bool fill = false)
    {
        var style = new Style
        {
            Alignment = alignment,
            Font = { Bold = bold },
            Border = new Border
            {
                Left = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Right = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Top = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Bottom = new EdgeBorder { BorderStyle = BorderStyle.Thin },
            },
            Format = format,
        };
        if (fill) style.Fill = new Fill { Color = System.Drawing.Color.FromArgb(0xF2, 0xF2, 0xF2) };
        return style;
    }
}
