# option rules=MissingHealthcheck
FROM node:22-alpine
# want MissingHealthcheck warning: CMD starts the server node dist/server.js
CMD ["node", "dist/server.js"]
