# option rules=RequiredLabels
# option vcs-source=https://github.com/example/app
# option vcs-revision=abc
FROM alpine:3.19
LABEL a=b
