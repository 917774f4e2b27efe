using System.Collections.Concurrent;
using ScottPlot;
using SkiaSharp;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The font every plot draws its text with: DejaVu Sans, shipped inside this assembly
/// (Reports/Fonts, with its licence) and handed to ScottPlot as the first font resolver.
/// SkiaSharp's Linux native library links no fontconfig and finds only what lies in
/// /usr/share/fonts: on a machine without fonts every label would otherwise be blank.
/// </summary>
internal sealed class BundledFont : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    private const string RegularResource = "KEchoBench.Bench.Reports.Fonts.DejaVuSans.ttf";
    private const string BoldResource = "KEchoBench.Bench.Reports.Fonts.DejaVuSans-Bold.ttf";

    private static readonly Lazy<BundledFont> Registered = new(Register);

    // One typeface per style for the life of the process, as ScottPlot caches its own.
    private readonly ConcurrentDictionary<bool, SKTypeface> _typefaces = new();

    private BundledFont()
    {
    }

    /// <summary>Registers the bundled font with ScottPlot (once) and returns the family name to ask for.</summary>
    public static string Use()
    {
        _ = Registered.Value;
        return FamilyName;
    }

    /// <summary>The typeface of the bundled regular or bold face, read from the assembly.</summary>
    public static SKTypeface Typeface(bool bold) => Registered.Value.Load(bold);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase) ? Load(bold) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static BundledFont Register()
    {
        var font = new BundledFont();
        ScottPlot.Fonts.FontResolvers.Insert(0, font);
        return font;
    }

    private SKTypeface Load(bool bold) => _typefaces.GetOrAdd(bold, b =>
    {
        string name = b ? BoldResource : RegularResource;
        using var stream = typeof(BundledFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the plot font {name} is missing from the kechobench assembly");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"the plot font {name} could not be read");
    });
}
