# option rules=RequiredLabels
# option label=org.opencontainers.image.revision
# want RequiredLabels warning: does not set the label org.opencontainers.image.revision.*\(the build did not receive the Git commit
FROM alpine:3.19
LABEL a=b
