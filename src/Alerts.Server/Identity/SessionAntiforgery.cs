using Microsoft.AspNetCore.Antiforgery;

namespace Alerts.Server.Identity;

/// <summary>
/// A state-changing request that a console session (the cookie) makes must carry the antiforgery token, so
/// another site cannot ride a signed-in person's cookie; a key sent as a bearer token needs none, since no
/// browser attaches it on its own.
/// </summary>
internal sealed class SessionAntiforgery(RequestDelegate next, IAntiforgery antiforgery, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (safe || !PersonClaims.IsPerson(context.User) || await antiforgery.IsRequestValidAsync(context))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The antiforgery token is missing or not valid.",
                Detail = $"A signed-in console sends the token from GET /api/v1/antiforgery in '{IdentitySchemes.AntiforgeryHeader}'; scripts send an API key instead.",
            },
        });
    }
}
