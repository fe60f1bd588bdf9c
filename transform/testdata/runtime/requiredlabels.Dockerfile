# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option label=org.opencontainers.image.revision
# option label=com.example.team
# option label=org.opencontainers.image.title
# option vcs-source=https://github.com/example/app.git
# option vcs-revision=0123456789abcdef0123456789abcdef01234567
FROM alpine:3.19 AS base
LABEL org.opencontainers.image.title="app"

# want RequiredLabels warning: stage "final" does not set the label com.example.team, which the policy requires \| add `LABEL com.example.team=<value>` to stage "final"$
FROM base AS final
LABEL org.opencontainers.image.vendor="Example"
# want RequiredLabels fixed: stage "final" does not set the label org.opencontainers.image.source.* \| added org.opencontainers.image.source="https://github.com/example/app.git" to the LABEL on line 16
# want RequiredLabels fixed: does not set the label org.opencontainers.image.revision.* \| added org.opencontainers.image.revision="0123456789abcdef0123456789abcdef01234567"
LABEL org.opencontainers.image.description="an app" \
      org.opencontainers.image.licenses="MIT"
USER 10001
