# option rules=LargeBaseImage
# want LargeBaseImage warning: the shipped image is based on mcr.microsoft.com/dotnet/sdk:8.0, the .NET SDK.*mcr.microsoft.com/dotnet/aspnet
FROM mcr.microsoft.com/dotnet/sdk:8.0
USER app
