# escape=`
# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option vcs-source=C:\src `repo` $X "q"
FROM alpine:3.19
# want RequiredLabels fixed: added org.opencontainers.image.source="C:\\src ``repo`` `\$X `"q`""
LABEL a=b `
      c=d
