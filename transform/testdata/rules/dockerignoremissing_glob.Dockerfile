# option rules=DockerIgnoreMissing
FROM alpine:3.19
# want DockerIgnoreMissing warning: COPY copies the whole build context, which has no .dockerignore: \.env files can end up
COPY --exclude=.git * /app/
