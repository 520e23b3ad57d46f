/** The modules `lessons.plugin.ts` generates at build time from `src/lessons/NN-slug/`. */
declare module 'virtual:lesson-catalog' {
  const catalog: import('./lesson.types.ts').LessonEntry[];
  export default catalog;
}
declare module 'virtual:lesson-loaders' {
  const loaders: Record<string, () => Promise<{ default: import('./lesson.types.ts').Lesson }>>;
  export default loaders;
}
