# option rules=NonNumericUser
# option numeric-user=true
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
SHELL ["cmd", "/S", "/C"]
USER ContainerUser
