namespace Alerts.Core.Editions;

/// <summary>The writing direction of an edition's language.</summary>
public enum TextDirection
{
    Ltr,
    Rtl,
}
