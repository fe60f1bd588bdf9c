# option rules=MissingHealthcheck
# option target=dev
FROM node:22-alpine AS dev
# want MissingHealthcheck warning: stage "dev" has no HEALTHCHECK, but it exposes 3000
EXPOSE 3000
CMD ["npm", "run", "dev"]

FROM node:22-alpine AS prod
HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ || exit 1
EXPOSE 3000
