using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Api;

/// <summary>
/// The problem responses of the API, so each failure reads the same everywhere. Validation failures
/// are problems too (with per-field <c>errors</c>), so every handler answers one problem type.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static ProblemHttpResult Validation(ValidationErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        });

    public static ProblemHttpResult Validation(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ProblemHttpResult AlertNotFound(string id) =>
        Status(StatusCodes.Status404NotFound, "No such alert.", $"There is no alert with id '{id}'.");

    public static ProblemHttpResult UnknownEdition(string edition, Taxonomy taxonomy) =>
        Status(StatusCodes.Status404NotFound, "No such edition.", $"'{edition}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
}
