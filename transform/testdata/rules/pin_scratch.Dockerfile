# option rules=UnpinnedBaseImage
FROM scratch
COPY app /app
USER 65534
