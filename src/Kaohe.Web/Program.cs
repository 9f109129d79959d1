using Kaohe.Web;

var app = KaoheWebApp.Build(args);
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
