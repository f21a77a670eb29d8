using Microsoft.Extensions.FileProviders;

namespace AcuBot.WebChat;

/// <summary>
/// The pages and scripts the bot serves (the demo page, embed.js, the Web Chat bundle). The build puts
/// them in the program's folder (site/), copied from src/AcuBot.WebChat and the npm package.
/// </summary>
public static class SiteFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "site");

    public static IApplicationBuilder UseSiteFiles(this IApplicationBuilder app)
    {
        if (!Directory.Exists(Root)) return app;
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // embed.js is loaded by other sites' pages: a short cache lets an update reach them soon.
                context.Context.Response.Headers.CacheControl = "public, max-age=300";
            },
        });
        return app;
    }
}
