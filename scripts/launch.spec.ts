describe('scripts/launch', () => {
  // Importing the apps' ConfigModule writes AppConfig's defaults (DATABASE_URL, SMTP_URL…) into
  // process.env. The launcher must copy the developer's environment first, so it may only load the
  // apps' modules (seed, entities) lazily, after main() has started.
  it('does not load the apps’ ConfigModule when imported', () => {
    jest.isolateModules(() => {
      jest.doMock('../libs/config/src/config.module', () => {
        throw new Error('the ConfigModule was loaded with the launcher');
      });
      expect(() => require('./launch')).not.toThrow();
    });
  });
});
