using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Identity;

/// <summary>One line of <c>Alerts:Identity:Roles</c>: a person whose <see cref="Claim"/> holds <see cref="Value"/> gets <see cref="Role"/> in <see cref="Editions"/>.</summary>
internal sealed class RoleMappingOptions
{
    /// <summary>The claim type as the provider sends it, e.g. <c>groups</c> or <c>roles</c>.</summary>
    [Required]
    public string Claim { get; set; } = "";

    [Required]
    public string Value { get; set; } = "";

    [Required]
    [RegularExpression("^(editor|chief|admin)$", ErrorMessage = "Role must be 'editor', 'chief' or 'admin'.")]
    public string Role { get; set; } = "";

    /// <summary>The editions the role applies to; empty means every edition.</summary>
    public List<string> Editions { get; set; } = [];
}
