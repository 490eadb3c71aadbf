/** The tag of the artifacts that hold the embedded sample instruments. */
export const SAMPLE_TAG = 'sample';
/**
 * The tag of the sample universe's artifacts. Not `sample`: they are stored on demand (from the universe picker),
 * not at start, and the start's four samples keep their own tag and count.
 */
export const SAMPLE_UNIVERSE_TAG = 'sample-universe';
