# option rules=DependencyOrder
# option context=deps-ok
FROM node:22 AS build
WORKDIR /app
# want DependencyOrder warning: not rewritten: `npm run build` runs in the same RUN as the install
COPY . .
RUN npm ci && npm run build

FROM node:22 AS between
WORKDIR /app
# want DependencyOrder warning: not rewritten: the RUN on line 13, between them, could depend on the sources
COPY . .
RUN ./configure
RUN npm ci

FROM node:22 AS chown
WORKDIR /app
# want DependencyOrder warning: not rewritten: the COPY has options
COPY --chown=1000 . .
RUN npm ci

FROM python:3.12 AS missing
WORKDIR /srv
# want DependencyOrder warning: not rewritten: requirements-dev.txt is not in the build context
COPY . .
RUN pip install -r requirements-dev.txt

FROM node:22 AS yarn
WORKDIR /app
# want DependencyOrder warning: not rewritten: the rewrite covers npm, Go modules and pip; `yarn install` is left as written
COPY . .
RUN yarn install

FROM node:22 AS twice
WORKDIR /app
# want DependencyOrder warning: not rewritten: another install follows on line 39
COPY . .
RUN npm ci
RUN pip install -r requirements.txt

FROM node:22 AS elsewhere
WORKDIR /app
# want DependencyOrder warning: not rewritten: the COPY's destination is not the working directory
COPY . /srv
RUN npm ci

FROM node:22 AS install
WORKDIR /app
# want DependencyOrder warning: not rewritten: `npm install` may write package-lock.json
COPY . .
RUN npm install

FROM python:3.12 AS constraint
WORKDIR /srv
ENV PIP_CONSTRAINT=/srv/constraints.txt
# want DependencyOrder warning: not rewritten: the stage sets PIP_CONSTRAINT
COPY . .
RUN pip install -r requirements.txt

FROM scratch
COPY --from=install /app /8
COPY --from=constraint /srv /9
COPY --from=build /app /1
COPY --from=between /app /2
COPY --from=chown /app /3
COPY --from=missing /srv /4
COPY --from=yarn /app /5
COPY --from=twice /app /6
COPY --from=elsewhere /app /7
