# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option vcs-source=https://github.com/example/app
FROM alpine:3.19 AS base
LABEL org.opencontainers.image.title="app"

# want RequiredLabels warning: does not set the label org.opencontainers.image.source.*\| add `LABEL org.opencontainers.image.source="https://github.com/example/app"` to stage 1 \(not rewritten: stage 1 has no LABEL to extend
FROM base
USER 10001
