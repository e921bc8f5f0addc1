/*
 * HTTPS options for the dev server. office-addin-dev-certs generates the certificates in
 * ~/.office-addin-dev-certs; installing its CA needs sudo and fails on a plain Linux machine,
 * after which getHttpsServerOptions() throws. So: try the full install (it works on
 * Windows/Mac), and otherwise read the three generated files ourselves.
 */
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

function readCertificateFiles() {
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

function filesAreFresh() {
  try {
    const age = Date.now() - fs.statSync(defaults.localhostCertificatePath).mtimeMs;
    return (
      age < (defaults.daysUntilCertificateExpires - 1) * 24 * 3600 * 1000 &&
      fs.existsSync(defaults.localhostKeyPath) &&
      fs.existsSync(defaults.caCertificatePath)
    );
  } catch {
    return false;
  }
}

async function devServerHttpsOptions() {
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      return await devCerts.getHttpsServerOptions();
    } catch {
      // fall through to the files
    }
  }
  if (!filesAreFresh()) await devCerts.generateCertificates();
  return readCertificateFiles();
}

module.exports = { devServerHttpsOptions, certificatePaths: defaults };
