# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option vcs-source=https://github.com/example/app
# want RequiredLabels warning: not rewritten: the LABEL on line 7 uses the old `LABEL key value` form
FROM alpine:3.19
LABEL a=b
LABEL maintainer Jane Doe
