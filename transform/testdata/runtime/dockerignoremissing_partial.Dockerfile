# option rules=DockerIgnoreMissing
# option dockerignore=.git
# option dockerignore=node_modules
FROM node:22
# want DockerIgnoreMissing warning: COPY copies the whole build context, and .dockerignore does not exclude .env files \| add `\*\*/\.env\*` to \.dockerignore, after
COPY . .
