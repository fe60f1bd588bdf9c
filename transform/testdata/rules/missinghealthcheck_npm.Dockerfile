# option rules=MissingHealthcheck
FROM node:22-alpine
# the last CMD counts, not this one
CMD ["node", "cli.js"]
# want MissingHealthcheck warning: CMD starts the server npm start
CMD ["npm", "run", "start"]
