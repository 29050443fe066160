using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Push.Fcm;

/// <summary>The <c>Alerts:Fcm</c> section. Push is on once <see cref="ProjectId"/> is set.</summary>
internal sealed class FcmOptions
{
    public const string SectionName = "Alerts:Fcm";

    [RegularExpression("^[a-z0-9-]{1,64}$", ErrorMessage = "Alerts:Fcm:ProjectId must be a Firebase project id (a-z, 0-9, '-').")]
    public string? ProjectId { get; set; }

    /// <summary>A Google service-account key file (JSON); without it, Google's Application Default Credentials.</summary>
    public string? CredentialsFile { get; set; }

    [Required]
    public Uri BaseUrl { get; set; } = new("https://fcm.googleapis.com/");

    /// <summary>Overrides the key file's <c>token_uri</c>.</summary>
    public Uri? TokenUrl { get; set; }

    [Required]
    public Uri InstanceIdBaseUrl { get; set; } = new("https://iid.googleapis.com/");

    /// <summary>How long one HTTP call to FCM may take before it counts as a transport failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <c>2</c> speaks HTTP/2 with prior knowledge to an <c>http://</c> <see cref="BaseUrl"/>; otherwise such an endpoint
    /// (an emulator, a proxy) gets HTTP/1.1. An <c>https://</c> one negotiates HTTP/2 whatever this says.
    /// </summary>
    [RegularExpression("^(1\\.1|2)$", ErrorMessage = "Alerts:Fcm:HttpVersion must be 1.1 or 2.")]
    public string? HttpVersion { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ProjectId);
}
