# option rules=UnpinnedBaseImage
# option platforms=linux/amd64,linux/arm64
# want UnpinnedBaseImage warning: depends on the target platform
FROM example/app:${TARGETARCH}
USER 10001
