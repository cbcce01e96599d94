// The engine module, bundled as dist/engine.js and loaded lazily (src/engine-loader.ts).
export { createDockerEngine, defaultEndpoint, DockerEngine } from './docker-engine';
