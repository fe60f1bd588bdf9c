# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option vcs-source=https://example.com/a "b" $HOME\x `c`
FROM alpine:3.19
# want RequiredLabels fixed: added org.opencontainers.image.source="https://example.com/a \\"b\\" \\\$HOME\\\\x `c`"
LABEL a=b   
