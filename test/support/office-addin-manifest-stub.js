// Stand-in for office-addin-manifest under Jest (see jest.config.js).
module.exports = {};
